"""The drill's throughput: accepted posts and reads per second, and "back to full speed".

"Back to full speed by itself" compares the last WINDOW seconds of the run with the WINDOW
seconds before the first failure (the backup is not a failure), for accepted posts and for
anonymous reads answered 2xx/3xx, each counted by the second its answer came.

Why TOLERANCE = 0.7 (each ratio must be at least that): what the check must catch is a
lasting loss, such as an app server that never came back (half the app servers), a stuck
connection pool or a worker that stays away, which cost roughly a third to a half. What it
must not fail on: (1) counting noise: 20 to 60 posts in 10 s (2 to 6 a second, depending
on how busy the shared machine is) vary by ±13-22% from one window to the next by chance
alone (Poisson, one standard deviation), reads (150-300) by ±6-8%; (2) the threads grow
during the run (posting into 4 threads, each gains about 100 comments), so a member's page,
and with it each member's loop, is slower at the end than before the first failure with
nothing broken; (3) the machine is shared. 0.7 leaves about 10-15% for the growth and two
standard deviations of noise at 60 posts. When fewer answers make the windows noisier, a
ratio below 0.7 still passes if the drop is within two standard deviations of the counting
noise (then the run cannot tell), and the line says so. It is a soft goal, not part of
--strict, because (2) and (3) are not controlled.
"""

import math

WINDOW = 10
MIN_WINDOW = 5  # shorter windows (a 30 s run) hold too few answers to compare
TOLERANCE = 0.7


def per_second(record, seconds):
    """Return two lists over the seconds of the run: accepted posts, and reads answered."""
    length = math.ceil(seconds)
    posts, reads = [0] * length, [0] * length
    for post in record.posts.values():
        if post["outcome"] == "accepted" and post["t"] is not None and 0 <= post["t"] < length:
            posts[int(post["t"])] += 1
    for t, kind, status, _ in record.requests:
        if kind == "read" and 200 <= status < 400 and 0 <= t < length:
            reads[int(t)] += 1
    return posts, reads


def recovery(record, seconds):
    """Compare the last WINDOW seconds with the WINDOW seconds before the first failure."""
    posts, reads = per_second(record, seconds)
    failures = [start for name, start, _ in record.events if not name.startswith("backup")]
    first = int(min(failures)) if failures else len(posts)
    # The first seconds are left out: the clients sign in together, then post together.
    before = (max(3, first - WINDOW), first)
    after = (max(len(posts) - WINDOW, first + 1), len(posts))
    result = {"posts": posts, "reads": reads, "before": before, "after": after}
    if not failures or min(before[1] - before[0], after[1] - after[0]) < MIN_WINDOW:
        return {**result, "measured": False, "ok": None}

    def rate(values, window):
        return sum(values[window[0] : window[1]]) / (window[1] - window[0])

    result["measured"] = True
    result["ok"] = True
    for name, values in (("posts", posts), ("reads", reads)):
        was, now = rate(values, before), rate(values, after)
        ratio = now / was if was else 0
        # Two standard deviations of the difference of two Poisson rates.
        noise = 2 * math.sqrt(was / (before[1] - before[0]) + now / (after[1] - after[0]))
        within_noise = ratio < TOLERANCE and was - now <= noise
        result.update(
            {f"{name}_before": was, f"{name}_after": now, f"{name}_ratio": ratio},
            **{f"{name}_within_noise": within_noise},
        )
        result["ok"] &= ratio >= TOLERANCE or within_noise
    return result


def print_speed(speed):
    """Print the per-second throughput in rows of ten seconds, then the comparison."""
    posts, reads = speed["posts"], speed["reads"]
    print("\nThroughput per second (by the second the answer came):")
    print(f"  {'second':<7}  {'accepted posts':<32}  reads answered")
    for start in range(0, len(posts), 10):
        row_posts = " ".join(f"{n:2d}" for n in posts[start : start + 10])
        row_reads = " ".join(f"{n:3d}" for n in reads[start : start + 10])
        print(f"  {start:3d}-{min(start + 9, len(posts) - 1):<3d}  {row_posts:<32}  {row_reads}")
    if not speed["measured"]:
        print(
            f"  back to full speed: not measured (no failure, or less than {MIN_WINDOW} s "
            "before the first failure)"
        )
        return
    (b0, b1), (a0, a1) = speed["before"], speed["after"]
    print(
        f"  back to full speed: {a0}-{a1} s against {b0}-{b1} s (before the first failure): "
        f"posts {speed['posts_after']:.1f}/{speed['posts_before']:.1f} a second = "
        f"{speed['posts_ratio']:.2f}, reads {speed['reads_after']:.1f}/"
        f"{speed['reads_before']:.1f} = {speed['reads_ratio']:.2f}: "
        f"{'yes' if speed['ok'] else 'NO'} (each ≥ {TOLERANCE}"
        + "".join(
            f"; {name} below, but within counting noise"
            for name in ("posts", "reads")
            if speed[f"{name}_within_noise"]
        )
        + ")"
    )
