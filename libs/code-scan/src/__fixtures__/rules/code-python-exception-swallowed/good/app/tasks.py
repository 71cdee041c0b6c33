import logging


def sync(items):
    try:
        push(items)
    except TimeoutError:
        logging.warning("push timed out; retrying later")
    try:
        import ujson as json
    except ImportError:
        pass
