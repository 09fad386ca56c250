"""Extraction: articles in, actors and relations (each with its evidence sentence) out.

`ingest.extraction.pipeline.Extractor` is the entry point; the other modules are its
stages and the language data they read (`lang/<code>/`, `data/`).
"""
