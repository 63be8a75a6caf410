"""The fault tests start real servers and take a minute or more: they run on their own
(`make faulttest`, `pytest tests/reliability -m fault`), not in every `make test`."""


def pytest_collection_modifyitems(config, items):
    if "fault" in (config.getoption("markexpr") or ""):
        return
    deselected = [item for item in items if item.get_closest_marker("fault")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]
