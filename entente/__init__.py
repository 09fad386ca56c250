"""Entente: a knowledge graph of relations between states, extracted from news."""

__version__ = "0.1.0"
