# Rasa server: the official image, plus only what this project's own Rasa code needs on top
# of it: the custom NLU components (config.yml `bot.nlu.*`: fugashi with unidic-lite for
# Japanese, langdetect for Latin-script languages; jieba and spaCy come with the -full image),
# the LINE and web chat channels (credentials.yml, `connectors/`) and the event broker that
# relays messages into staff tickets (`bot.handoff.ticket_relay`, docker/endpoints.yml).
FROM rasa/rasa:3.6.21-full
USER root
# requirements.txt constrains whatever pip adds to the versions the tests ran with.
COPY requirements.txt requirements-nlu.txt /tmp/requirements/
RUN pip install --no-cache-dir -r /tmp/requirements/requirements-nlu.txt \
        -c /tmp/requirements/requirements.txt
COPY bot/ /app/bot/
COPY connectors/ /app/connectors/
COPY credentials.yml /app/credentials.yml
COPY docker/endpoints.yml /app/endpoints.yml
ENV PYTHONPATH=/app
USER 1001
# Rasa's own CLI with the project's adjustments installed first (bot/rasa_runtime).
ENTRYPOINT ["python", "-m", "bot.rasa_runtime"]
# No CMD: docker-compose.yml gives the `run` command with the model mounted from bot/models/
# (so a new model needs a restart, not a rebuild), the API token and the allowed origin.
