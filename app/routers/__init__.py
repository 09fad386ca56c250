"""One router per resource, gathered under /v1 by `app.main`."""
