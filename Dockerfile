# The Entente image for docker-compose.yml: the API, the CLI and the workers.
FROM python:3.11-slim
WORKDIR /srv/entente
COPY pyproject.toml README.md ./
COPY entente entente
COPY app app
COPY graph graph
COPY ingest ingest
COPY seeds seeds
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["entente", "serve"]
