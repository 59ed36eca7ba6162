"""Custom Rasa 3.6 graph components: language detection and multilingual tokenization."""
