"""Staff-curated knowledge: FAQ files in knowledge/, their validation and hot reload."""
