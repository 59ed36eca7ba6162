# Action server: rasa-sdk's official image with the project's actions and knowledge.
FROM rasa/rasa-sdk:3.6.2
USER root
COPY requirements-nlu.txt /tmp/requirements-nlu.txt
RUN pip install --no-cache-dir -r /tmp/requirements-nlu.txt
WORKDIR /app
COPY bot/ /app/bot/
COPY knowledge/ /app/knowledge/
ENV PYTHONPATH=/app
USER 1001
CMD ["start", "--actions", "bot.actions"]
