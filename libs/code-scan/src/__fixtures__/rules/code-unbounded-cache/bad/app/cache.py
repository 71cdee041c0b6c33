import functools

_profile_cache = {}  # expect-finding


def profile(user_id):
    if user_id not in _profile_cache:
        _profile_cache[user_id] = load(user_id)
    return _profile_cache[user_id]


@functools.lru_cache(maxsize=None)  # expect-finding
def rates(day):
    return load_rates(day)
