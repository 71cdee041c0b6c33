import functools


@functools.lru_cache(maxsize=1024)
def rates(day):
    return load_rates(day)
