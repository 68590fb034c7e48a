"""The LISTEN connection goes where LIVE_DATABASE_URL says, past a transaction pooler."""

from django.db import connections
from psycopg.conninfo import conninfo_to_dict

from forum.live import listener


def test_listen_connects_to_the_live_database_when_one_is_set(settings):
    settings.LIVE_DATABASE_URL = "postgres://forum@10.0.0.5:5433/forum_live"

    info = conninfo_to_dict(listener._conninfo())

    assert (info["host"], info["port"], info["dbname"], info["user"]) == (
        "10.0.0.5",
        "5433",
        "forum_live",
        "forum",
    )
    assert info["application_name"] == "forum-live"


def test_listen_connects_to_the_default_database_otherwise(settings):
    settings.LIVE_DATABASE_URL = ""

    info = conninfo_to_dict(listener._conninfo())

    assert info["dbname"] == connections["default"].settings_dict["NAME"]
    assert info["application_name"] == "forum-live"
