"""A name the authors set beside an amount of data they hold, in hours or bytes "of" what they hold, or a count
written in words, is a data set (``features.counted_contents``)."""

from __future__ import annotations

from extracted import types_of as _types


def test_hours_of_recorded_speech_make_a_data_set() -> None:
    types = _types("Listening to Harbour Towns",
                   "Speech recognisers rarely hear coastal accents. We release Quillwharf-600, 600 hours of "
                   "transcribed harbour radio. Fine-tuning Whisper on Quillwharf-600 halves the error rate.")
    assert types.get("Quillwharf-600") == "Dataset"


def test_bytes_of_footage_make_a_data_set() -> None:
    types = _types("Island Encoders",
                   "We compile Tidewick, 12 TB of harbour camera footage, and train a detector on it.")
    assert types.get("Tidewick") == "Dataset"


def test_a_count_in_words_makes_a_data_set() -> None:
    types = _types("Ranking for Small Shops",
                   "Shop search lacks public logs. We also release Marketvane-2M, two million anonymised sessions "
                   "from the platform, and compare SASRec with BERT4Rec on it.")
    assert types.get("Marketvane-2M") == "Dataset"


def test_hours_that_measure_a_run_do_not() -> None:
    types = _types("Fast Speech Recognition",
                   "We propose Quillnet, a streaming speech recognizer trained in 3 hours, which beats Whisper "
                   "on call-centre audio.")
    assert types.get("Quillnet") == "Model"
