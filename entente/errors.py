"""The one exception root of the project, and its few well-known children."""


class EntenteError(Exception):
    """Base class of every error Entente raises on purpose."""


class ConfigurationError(EntenteError):
    """The settings or the machine cannot support what was asked."""


class ServerError(EntenteError):
    """The managed Neo4j server could not be prepared, started or stopped."""


class GraphUnavailableError(EntenteError):
    """Neo4j cannot be reached, or does not accept the configured credentials."""


class InvalidDocumentError(EntenteError):
    """An article or an extraction result failed validation; nothing was written."""


class UnsupportedLanguageError(EntenteError):
    """The text is in a language Entente does not extract from yet."""

    def __init__(self, lang: str | None, supported: tuple[str, ...]) -> None:
        self.lang = lang
        self.supported = supported
        shown = lang or "unknown"
        super().__init__(
            f"language {shown!r} is not supported yet (supported: {', '.join(supported)})"
        )
