"""Settings of the optional external scorers: Perspective API and Akismet (issue 29).

Kept apart from forum/settings.py, which reads them with `scorer_settings` (one subject a
module). Each scorer is off unless its key is set; docs/settings.md lists every variable.
"""

PERSPECTIVE_DEFAULT_URL = "https://commentanalyzer.googleapis.com/v1alpha1/comments:analyze"
PERSPECTIVE_DEFAULT_THRESHOLDS = "TOXICITY=0.8,SEVERE_TOXICITY=0.7,THREAT=0.7,INSULT=0.8"


def scorer_settings(env):
    """Return the scorers' settings by name, read from the environment."""
    pairs = env.str("PERSPECTIVE_THRESHOLDS", default=PERSPECTIVE_DEFAULT_THRESHOLDS)
    # "TOXICITY=0.8,THREAT=0.7": the attributes asked for, each with the score that acts.
    thresholds = {
        name.strip().upper(): float(value)
        for name, value in (pair.split("=", 1) for pair in pairs.split(",") if pair.strip())
    }
    return {
        "PERSPECTIVE_API_KEY": env.str("PERSPECTIVE_API_KEY", default=""),
        "PERSPECTIVE_URL": env.str("PERSPECTIVE_URL", default=PERSPECTIVE_DEFAULT_URL),
        "PERSPECTIVE_THRESHOLDS": thresholds,
        "AKISMET_API_KEY": env.str("AKISMET_API_KEY", default=""),
        "AKISMET_BLOG_URL": env.str("AKISMET_BLOG_URL", default=""),
        "AKISMET_URL": env.str("AKISMET_URL", default="https://rest.akismet.com/1.1/comment-check"),
        # The poster's address and browser, kept with Akismet's answer for a moderator's
        # correction, are forgotten this many days after the check.
        "AKISMET_CLIENT_KEEP_DAYS": env.int("AKISMET_CLIENT_KEEP_DAYS", default=30),
        "SCORER_TIMEOUT_SECONDS": env.float("SCORER_TIMEOUT_SECONDS", default=2.0),
        "SCORER_BREAKER_FAILURES": env.int("SCORER_BREAKER_FAILURES", default=5),
        "SCORER_BREAKER_SECONDS": env.int("SCORER_BREAKER_SECONDS", default=60),
    }
