"""The model is retrained exactly when what it is trained from changes."""

from bot import model_store


def test_fingerprint_changes_with_training_data_and_not_with_knowledge(tmp_path, monkeypatch):
    for relative in ("config.yml", "domain.yml", "bot/data/nlu/en.yml", "knowledge/faq/x.yml"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a", encoding="utf-8")
    monkeypatch.setattr(model_store, "PROJECT_ROOT", tmp_path)
    first = model_store.training_fingerprint()
    assert model_store.training_fingerprint() == first  # stable
    (tmp_path / "knowledge/faq/x.yml").write_text("edited", encoding="utf-8")
    assert model_store.training_fingerprint() == first  # knowledge edits never retrain
    (tmp_path / "bot/data/nlu/en.yml").write_text("new example", encoding="utf-8")
    assert model_store.training_fingerprint() != first


def test_ensure_model_reuses_an_existing_model(tmp_path, monkeypatch):
    monkeypatch.setattr(model_store, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(model_store, "MODELS_DIR", tmp_path / "models")
    (tmp_path / "config.yml").write_text("x", encoding="utf-8")
    existing = model_store.model_path()
    existing.parent.mkdir()
    existing.write_bytes(b"model")
    monkeypatch.setattr(model_store.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("must not train")))
    assert model_store.ensure_model(quiet=True) == existing
