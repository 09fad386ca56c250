"""Scripts that derive Entente's extraction lexicons from the open resources in ../shared."""
