# Rasa server with the project's custom NLU components (language detection, tokenizer).
FROM rasa/rasa:3.6.21-full
USER root
COPY requirements-nlu.txt /tmp/requirements-nlu.txt
RUN pip install --no-cache-dir -r /tmp/requirements-nlu.txt
WORKDIR /app
COPY bot/ /app/bot/
COPY config.yml domain.yml credentials.yml /app/
ENV PYTHONPATH=/app
USER 1001
