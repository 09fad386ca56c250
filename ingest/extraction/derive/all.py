"""Re-derive every lexicon file of ingest/extraction from the resources in ../shared:
    python -m ingest.extraction.derive.all [--shared DIR] [--out DIR]
event_codes first (the trigger scripts map CAMEO codes through it), then the English triggers
from CAMEO.2.0.txt, then the Indonesian and Malay triggers from Wordnet Bahasa, then the French
and Arabic triggers carried over from the Indonesian ones (so after them), the Spanish triggers
from UniversalPetrarch, the state names of the new languages from CLDR, and the people and
their dated terms from the Phoenix country actor dictionary, the capitals from CountryInfo
(it leaves out the names the others give), and the Russian case endings from UD Russian.
"""

from ingest.extraction.derive import (
    cameo_triggers,
    cldr_names,
    countryinfo_capitals,
    event_codes,
    omw_triggers,
    petrarch_es,
    phoenix_people,
    ud_name_cases,
    wordnet_bahasa,
)


def main() -> None:
    for script in (event_codes, cameo_triggers, wordnet_bahasa, omw_triggers, petrarch_es,
                   cldr_names, phoenix_people, countryinfo_capitals, ud_name_cases):
        script.main()  # each parses the same --shared / --out options


if __name__ == "__main__":
    main()
