def sync(items):
    try:
        push(items)
    except:  # expect-finding
        pass
    try:
        notify()
    except Exception:  # expect-finding
        pass
