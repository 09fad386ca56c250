"""Derive ingest/extraction/lang/es/triggers.tsv: Spanish trigger lemmas for Entente's predicates,
from UniversalPetrarch's Spanish verb dictionary (universal-petrarch-es/verbpatterns_es_190128.txt
under --shared/lexicons; the format of PETRARCH2's CAMEO.2.0.txt, petrarch2/dictionaries.rst),
mapped to predicates exactly as cameo_triggers.py maps the English dictionary: the CAMEO code
through event_codes.py (data/event_codes.tsv), [A:B] and [:B] read by cameo_triggers.parse_code,
and the schema's reading of buying, selling, opposing, cooperating and negotiating verbs
(cameo_triggers.PREDICATE_OF_VERB, for the Spanish verbs that say the same).

The Spanish file is a translation of the English one: blocks keep their English names and
codes ("--- DEMAND [100] ---"), verbs are upper-case infinitives ("EXIGIR [020]"), and the
comments of patterns name the English verb they were written for, so they say nothing about
which Spanish verb of the block a pattern belongs to. Hence:
  - a verb alone gets its own code, else its block's; it must be an infinitive (-ar, -er, -ir;
    a reflexive "-arse" stands for its verb, as the lemmatizer gives it); multiword entries
    ("+HACER_CAMPANA") keep their words;
  - a pattern "- * NOUN [code]" (a single object noun, no pre-verb part) gives a verb + noun
    row only in a block with one Spanish verb; other patterns (phrases, synsets, subject
    constraints) are skipped, and so are objects that are no nouns (adverbs in -mente,
    infinitives, participles, NOT_NOUNS). The file writes nouns in the plural and without
    accents (NEGOCIACIONES): they are made singular, and the regular endings -cion/-sion get
    their accent back (negociación); other nouns stay as written;
  - STOPLIST: general verbs (ser, estar, hacer, dar, tener, ir, ...) never trigger alone;
    NOT_ALONE: verbs whose block code does not fit them alone, found by reading every bare row
    (as cameo_triggers.NOT_ALONE does for English);
  - a verb listed in several blocks (rechazar is in twenty) takes the predicate most of its
    entries give, a tie is dropped; "+ARREST_AND"-like fragments ("matar y") are dropped.
Run:
    python -m ingest.extraction.derive.petrarch_es [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from ingest.extraction.derive import cameo_triggers, event_codes
from ingest.extraction.derive._common import TRIGGER_COLUMNS, arguments, lexicons, write_tsv

FILE = Path("universal-petrarch-es") / "verbpatterns_es_190128.txt"
# The Spanish verbs of cameo_triggers.PREDICATE_OF_VERB's English ones: the schema reads them
# as it reads the English (BUYS for buying, importing; BUYS converse for selling, exporting).
SCHEMA_READING = {"comprar": "buy", "adquirir": "purchase", "importar": "import",
                  "exportar": "export", "vender": "sell", "oponer": "oppose", "vetar": "veto",
                  "cooperar": "cooperate", "colaborar": "collaborate", "negociar": "negotiate"}
STOPLIST = {
    "ser", "estar", "haber", "tener", "hacer", "dar", "ir", "decir", "poner", "tomar", "llevar",
    "ver", "venir", "salir", "pasar", "quedar", "dejar", "seguir", "llegar", "poder", "deber",
    "querer", "saber", "volver", "parecer", "encontrar", "creer", "hablar", "usar", "buscar",
    "abrir", "mover", "traer", "recibir", "mandar", "enviar", "meter", "sacar", "coger",
    "agarrar", "tocar", "jugar", "correr", "caer", "mirar", "andar", "trabajar", "ayudar",
    "servir", "pagar", "necesitar", "ofrecer", "presentar", "mantener", "contar", "causar",
}
# Verbs whose block code does not say what the verb alone reports in Entente's sense, found by
# reading every bare row: CAMEO's block synonyms translated loosely ("aguantar", "sufrir",
# "morir" in ASSAULT; "aumentar", "crear", "elegir" in COOPERATE; "meditar", "recoger" in
# CONSULT; "alargar", "prometer" in THREATEN), generic verbs of force or damage that report no
# attack between states ("romper", "limpiar", "eliminar"), and verbs whose CAMEO code the
# schema reads as no relation of theirs ("apoyar" 061 cooperation is SUPPORTS or nothing).
NOT_ALONE = {
    # 18-20 ASSAULT, FIGHT
    "abollar", "abrumar", "abusar", "acabar con", "adecuar", "agobiar", "agrietar", "aguantar",
    "ahogar", "ahorcar", "apabullar", "aplastar", "aporrear", "apropiar", "apropiar de",
    "aprovechar", "apuntar", "arrancar", "arrebatar", "arrollar", "asfixiar", "asumir",
    "averiar", "azotar", "batallar", "batir", "borrar", "cancelar", "castigar con la vara",
    "castigar con palmeta", "cercar", "chocar", "circundar", "circunvalar", "contaminar",
    "contundir", "copar", "corromper", "danar", "dannar", "debilitar", "derrotar",
    "desaparecer", "desarmar", "desgarrar", "desmejorar", "desolar", "despachar", "despedazar",
    "desplumar", "despojar", "desvalijar", "echar a perder", "eclipsar", "ejecutar", "eliminar",
    "embelesar", "empanar", "encantar", "encender", "ensombrecer", "envolver", "erradicar",
    "estacar", "estallar", "estocar", "estragar", "estrellar", "estrujar", "explotar",
    "exprimir", "extirpar", "extraer", "hojear", "infectar", "infestar", "injuriar", "jalar",
    "lacerar", "lastimar", "latigar", "lesionar", "limpiar", "liquidar", "llagar", "luchar",
    "luchar contra incendio", "machacar", "machucar", "magullar", "malear", "maltratar",
    "manchar", "manosear", "marchar", "mimar", "molestar", "morar en", "morir", "nacionalizar",
    "obliterar", "obtener", "ocupar", "oscurecer", "padecer", "participar", "patear",
    "pegar con vara", "perjudicar", "pillar", "piratear", "quebrar", "rajar", "rasgar",
    "repisar", "repulsar", "residir", "revolucionar", "robar", "rodear", "romper",
    "sacrificar", "sobreponer a", "sofocar", "sombrear", "soplar", "subvertir", "subyugar",
    "subtugar", "sufrir", "superar a", "tirar", "trastonar", "triturar", "vencer", "vencer a",
    "viciar", "victimar", "violar", "volcar", "apredar", "cuchillar", "balleazar", "hirir",
    "herir", "aterrorizar",
    # 06 COOPERATE (CAMEO's block of economic cooperation, translated word by word)
    "abastecer", "abolir", "acelerar", "acrecentar", "adjudiciar", "alistar", "aliviar",
    "ameliorar", "ampliar", "amueblar", "apaciguar", "aplacar", "apoyar", "asistir", "atar",
    "aumentar", "añadir", "beneficiar", "calmar", "cambiar", "ceder", "combinar", "conceder",
    "conectar", "conferir", "consolidar", "constituir", "crear", "dedicar", "destinar",
    "determinar", "dilatar", "disminuir", "distribuir", "elegir", "encadenar", "encargar",
    "enlazar", "entablar", "equipar", "eregir", "establecer", "exagerar", "expandir", "expedir",
    "facilitar", "faicilitar", "fijar", "fortalecer", "fundar", "fundir", "fusionar",
    "iniciar", "inscribir", "instituir", "intensificar", "intercambiar", "investir", "legar",
    "llenar", "matricular", "mejorar", "mezclar", "mitigar", "otorgar", "patricionar", "pegar",
    "perfeccionar", "permutar", "preparar", "prestar", "proporcionar", "proveer", "provenir",
    "realzar", "reclutar", "redoblar", "reforzar", "relacionar", "rendir", "repartir",
    "reponer", "restablecer", "sosegar", "subir", "sumar", "suministrar", "superar", "suplir",
    "suprimir", "suspiciar", "unir",
    # 11 DISAPPROVE
    "abir una brecha", "alegar", "argumentar", "asombrar", "aterrar", "atribuir", "aturdir",
    "blasfemar", "bromear", "burlar", "burlar de", "castigar", "compensar", "competir",
    "concursar", "conferenciar", "consternar", "contender", "contrapesar", "contrarrestar",
    "contrastar", "contristar", "controlar", "decepcionar", "defraudar", "desairar",
    "desalentar", "desanimar", "descorazonar", "desdenar", "desesperar", "desestimar",
    "desilusionar", "despedir", "diferir", "disaduir", "discrepar", "disentir", "disputar",
    "echar pestes de", "ensenar", "entristecer", "escandalizar", "espandar", "espantar",
    "hechizar", "humillar", "imitar", "implicar", "indemnizar", "infractir", "infringir",
    "lamentar", "llorar", "lloriquear", "maldecir", "marcar", "mofar", "murmurar", "ofender",
    "pasmar", "pelear", "picar", "profanar", "purificar", "refutar", "remedar",
    "repartir golpes", "resarcir", "resentir", "resistir", "rivalizar", "transgredir",
    "traspasar", "zampar", "insultar",
    # 02 APPEAL, 10 DEMAND
    "adeuar", "adjurar", "asesorar", "bastar", "brindar", "campanar", "compeler", "conjurar",
    "consejar", "convidar", "debitar", "desear", "empennar", "entrevistar", "inducir",
    "insinuar", "interrogar", "obstinar", "orientar", "perservar", "pregunar", "preguntar",
    "proponer", "sugerir", "transmitir", "mendigar",
    # 04 CONSULT
    "accumular", "acompañar", "acurrucar", "afluir", "amontonar", "arracimar", "atender",
    "cavilar", "citar", "comunicar con", "confluir", "conglomerar", "congregar", "constelar",
    "contemplar", "converger", "convocar", "debatir", "difundir", "emplazar", "ensamblar",
    "especular", "excogitar", "interactuar", "meditar", "pesar", "ponderar",
    "preguntar para", "preguntar por", "recoger", "recolectar", "reconsiderar", "reconvocar",
    "reexaminar", "reflexionar", "reinvitar", "rumiar", "sopesar", "suponer", "suscitar",
    # 12 REJECT
    "anticipar a", "apartar", "aplazar", "arrinconar", "declinar", "desistir", "despreciar",
    "dialograr", "dimitir", "empachar", "entorpecer", "errar", "estorbar", "evitar", "excusar",
    "fallar", "fracasar", "frustrar", "ignorar", "inhibir", "invalidar", "malograr", "parar",
    "posponer", "quitar", "rehuir", "remitir", "renunciar", "retardar retrasar", "retirar",
    "retrasar", "seperar", "anular",
    # 07 AID
    "estabilizar", "rescatar",
    # 16 REDUCE RELATIONS, 17 COERCE (172 administrative sanctions)
    "alterar", "biriar", "chivar", "cobrar impuesto", "cobrar impuestos", "confundir",
    "criminalizar", "decretar", "delatar", "desasociar", "desminar", "desolver", "desordenar",
    "dictaminar", "dictar", "engañar", "escindir", "imponer", "infligir", "interceptar",
    "interrumpir", "licenciar", "menoscabar", "multar", "perturbar", "pronunciar",
    "rescindir", "sabotear", "separar", "slopar", "socovar", "tasar", "taxar", "traicionar",
    "trastocar", "trastornar",
    # 05 SUPPORT (050 diplomatic cooperation, 051 praise)
    "aceptar", "admirar", "afectar", "alegrar", "alliar", "apreciar", "armonizar", "ascender",
    "asociar", "avivar", "bendecir", "brindar por", "calcular", "celebrar", "confirmar",
    "conformar", "conmemorar", "conspirar", "coordinar", "cumplir", "despertar", "divulgar",
    "embellecer", "envalentonar", "estimar", "exponer", "exuberar", "fomentar", "formalizar",
    "galvanizar", "impactar", "influenciar", "inspirar", "integrar", "intrigar", "inventar",
    "legitimar", "orquestar", "persuadir", "premiar", "profesar", "promocionar", "promover",
    "reafirmar", "recomendar", "recompensar", "regatear", "regocijar", "reincorporar",
    "resaguar", "respetar", "restituir", "revitalizar", "saludar", "santificar", "sincronizar",
    "sindicar", "tostar", "triunfar", "valorar", "vigorizar", "aclamar", "exaltar",
    "glorificar", "honrar",
    # 13 THREATEN
    "alargar", "alzar", "arriesgar", "asegurar", "asustar", "atraer", "compremeter",
    "comprometer", "conciliar", "conimnar", "elevar", "espolear", "garantizar", "impulsar",
    "jurar", "permanecer", "planear", "planificar", "prevenir", "prolongar", "prometer",
    "prorrogar", "proseguir", "proyectar", "reanimar", "reanudar", "resolver",
    # 057 SIGN
    "adoptar", "aprobar",
    # Reviewed against the schema's ATTACKS (a military strike, assault, shelling or seizure
    # between actors): crimes against persons (CAMEO 181-186, and "kill" in 18/19) name a
    # victim, not a state; verbs of damage or struggle with no attacker and target ("combatir
    # el terrorismo", "destruir", "devastar" of storms); domestic overthrow and expropriation.
    "matar", "matar a tiros", "abatir a tiros", "asesinar", "secuestrar", "raptar",
    "secuestrar y asesinar", "secuestrar y matar", "secuestrar y sacrificar",
    "torturar", "decapitar", "estrangular", "apunalar", "apalear", "combatir", "derrocar",
    "destruir", "destrozar", "demoler", "devastar", "diezmar", "detonar", "expropiar",
    "requisar", "usurpar", "incendiar",
    # DEMANDS without an addressee: "requerir" (needs, requires), "abogar (por)" (advocates
    # a cause), "insistir" (insists on), "incitar" (incites to violence)
    "requerir", "abogar", "abogar por", "insistir", "incitar",
    # PROVIDES_AID: general verbs of contributing ("contribuir a la paz", "aportar ideas")
    "aportar", "contribuir",
    # SUPPORTS: congratulations alone are no support (schema, convention 8)
    "felicitar",
    # SANCTIONS: outlawing at home ("proscribir un partido")
    "proscribir",
}
# Verb + noun patterns that are no verb and its object in Spanish: "participar" takes its event
# with "en" ("participar en un tiroteo"), and CAMEO's "engage in fire" is no object of it.
NOT_PATTERNS = {("participar", "disparo"), ("participar", "fuego")}
# The schema's reading where the file's blocks split a verb: rejecting is OPPOSES (REJECT / 12),
# but rechazar stands four times under DISAPPROVE and three under REJECT.
# Forbidding is OPPOSES (the schema: "rejects, forbids, vetoes"); a ban is SANCTIONS only when
# aimed at the object's goods, which the lexicon's words of import bans say.
SPANISH_READING = {"rechazar": ("OPPOSES", "120", "active"),
                   "prohibir": ("OPPOSES", "120", "active")}


def infinitive(word: str) -> str:
    """The lemma of a verb entry's first word, or '' when it is no infinitive."""
    w = word.lower()
    if re.search(r"(ar|er|ir|ír)se$", w):
        w = w[:-2]  # anticiparse -> anticipar
    return w if re.fullmatch(r"[a-záéíóúñü]+(ar|er|ir|ír)", w) else ""


def noun_lemma(word: str) -> str:
    """A pattern's noun as the lemmatizer writes it: lower case, singular (restricciones ->
    restricción, disparos -> disparo, capitales -> capital), -cion/-sion with its accent."""
    w = word.lower()
    if re.search(r"[cs]iones$", w):
        w = w[:-2]
    elif re.search(r"[aeiou][lrnd]es$", w):  # capitales, but detalles -> detalle below
        w = w[:-2]
    elif re.search(r"[aeiouáéó]s$", w) and len(w) > 3:
        w = w[:-1]
    return re.sub(r"([cs])ion$", r"\1ión", w)


# Words the one-word patterns put where the object belongs that are no object nouns.
NOT_NOUNS = {"sobre", "final", "possible", "improbable", "injustificado", "oficio",
             "evacuados", "huelga", "dictadoe", "agarre", "apreton", "por", "economia"}


def is_noun(word: str) -> bool:
    """An object noun of a pattern: no adverb (-mente), infinitive, participle or listed word."""
    return not (word in NOT_NOUNS or word.endswith("mente") or infinitive(word)
                or re.search(r"(ado|ido|ados|idos|ando|iendo)$", word))


def read_blocks(text: str) -> list[tuple[str, list[tuple[str, str]], list[str]]]:
    """(block code, [(verb lemma, own code)], [pattern lines]) for each verb block."""
    body = text.split("####### VERB PATTERNS", 1)[1]
    blocks = []
    for chunk in re.split(r"^---", body, flags=re.M)[1:]:
        lines = chunk.splitlines()
        code = re.search(r"\[([^\]]*)\]", lines[0])
        verbs, patterns = [], []
        for line in lines[1:]:
            s = line.split("#", 1)[0].strip()
            if not s:
                continue
            if s.startswith("-"):
                patterns.append(line.strip())
                continue
            own = re.search(r"\[([^\]]*)\]", s)
            first = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", s).split()
            if not first or not re.fullmatch(r"\+?[A-ZÁÉÍÓÚÑÜ_]+", first[0]):
                continue  # a stray pattern without its dash, or a synset line
            words = first[0].lstrip("+").split("_")
            lemma = infinitive(words[0])
            if lemma:
                verbs.append((" ".join([lemma] + [w.lower() for w in words[1:]]),
                              own.group(1) if own else ""))
        blocks.append((code.group(1) if code else "---", verbs, patterns))
    return blocks


SIMPLE = re.compile(r"^-\s*\*\s+([A-ZÁÉÍÓÚÑÜ]+)\s*\[([^\]]*)\]")


def derive(shared: Path) -> tuple[list[tuple[str, ...]], Counter]:
    text = (lexicons(shared) / FILE).read_text(encoding="utf-8")
    predicate_of = event_codes.mapping(shared)
    known = set(predicate_of)
    stats: Counter = Counter()
    rows: list[tuple[str, str, str, str, str]] = []  # lemma, noun, predicate, code, voice
    for block_code, verbs, patterns in read_blocks(text):
        for lemma, own in verbs:
            code, voice = cameo_triggers.parse_code(own or block_code, known)
            if predicate_of.get(code):
                rows.append((lemma, "", predicate_of[code], code, voice))
        single = {v for v, _ in verbs}
        for pattern in patterns:
            m = SIMPLE.match(pattern)
            if not m:
                stats["patterns skipped (phrases, synsets, subject constraints)"] += 1
                continue
            if len(single) != 1:
                stats["one-noun patterns of blocks with several verbs skipped"] += 1
                continue
            code, voice = cameo_triggers.parse_code(m.group(2), known)
            if predicate_of.get(code):
                rows.append((next(iter(single)), noun_lemma(m.group(1)), predicate_of[code],
                             code, voice))
    # The schema's reading of a few verbs replaces CAMEO's, in all their rows.
    read = {}
    for es, en in SCHEMA_READING.items():
        read[es] = cameo_triggers.PREDICATE_OF_VERB[en]
    rows = [(lemma, noun, *((read[lemma.split()[0]][0], code,
                             read[lemma.split()[0]][1] if voice == "active" else voice)
                            if lemma.split()[0] in read else (pred, code, voice)))
            for lemma, noun, pred, code, voice in rows]
    # The file lists one Spanish verb in many blocks (the translation of "reject", "refuse",
    # "dismiss" and "rebuff" is rechazar each time): a bare verb takes the predicate (and voice)
    # most of its entries give; a tie is dropped.
    votes: dict[str, Counter] = defaultdict(Counter)
    codes: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for lemma, noun, pred, code, voice in rows:
        if not noun:
            votes[lemma][(pred, voice)] += 1
            codes[(lemma, pred, voice)][code] += 1
    out: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
    for lemma, ranked in sorted(votes.items()):
        (pred, voice), n = ranked.most_common(1)[0]
        if sum(1 for c in ranked.values() if c == n) > 1:
            stats["verbs whose blocks tie between predicates dropped"] += 1
            continue
        if lemma.split()[0] in STOPLIST or lemma in NOT_ALONE or lemma.endswith((" y", " o")):
            stats["stoplisted or not-alone bare verbs dropped"] += 1
            continue
        code = min(codes[(lemma, pred, voice)].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        pred, code, voice = SPANISH_READING.get(lemma, (pred, code, voice))
        out[(lemma, "", pred, voice)] = (lemma, "", "", pred, code, voice, "VERB", f"cameo:{code}")
    for lemma, noun, pred, code, voice in sorted(rows, key=lambda r: (r[3], r)):
        if not noun:
            continue
        if (lemma, "", pred, voice) in out:
            stats["patterns restating their verb's predicate merged"] += 1
            continue
        if (lemma, noun) in NOT_PATTERNS:
            stats["reviewed verb + noun patterns dropped"] += 1
            continue
        if not is_noun(noun):
            stats["patterns whose word is no noun skipped"] += 1
            continue
        out.setdefault((lemma, noun, pred, voice), (lemma, noun, "", pred, code, voice, "VERB",
                                                    f"cameo:{code}"))
    return sorted(out.values(), key=lambda r: (r[3], r[0], r[1], r[5])), stats


def main() -> None:
    args = arguments(__doc__, "extraction folder to write lang/es/triggers.tsv into")
    rows, stats = derive(args.shared)
    comments = [
        "Spanish trigger lemmas for Entente's predicates (pos VERB).",
        "Derived by ingest/extraction/derive/petrarch_es.py from UniversalPetrarch's Spanish "
        "verb dictionary verbpatterns_es_190128.txt (github.com/openeventdata/UniversalPetrarch, "
        "MIT License, Copyright (c) 2016 Open Event Data Alliance),",
        "codes mapped to predicates by data/event_codes.tsv as for English. Do not edit: "
        "re-derive. prep is left to the language's lexicon.",
    ]
    n = write_tsv(args.out / "lang" / "es" / "triggers.tsv", comments, TRIGGER_COLUMNS, rows)
    for what, count in sorted(stats.items()):
        print(f"{what}: {count}")  # noqa: T201
    per = Counter(r[3] for r in rows)
    print(f"es/triggers.tsv: {n} rows")  # noqa: T201
    for p in sorted(per):
        print(f"  {p}: {per[p]}")  # noqa: T201


if __name__ == "__main__":
    main()
