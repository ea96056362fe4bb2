"""The run's photo keys kept on disk for the rules across pages: the same groups, in the same order,
as a dict of lists would give, without holding the run in memory."""

from __future__ import annotations

import tracemalloc
from collections import defaultdict

from captioncheck.engine.keys import ImageKey
from captioncheck.engine.keystore import KeyStore


def _key(n: int, caption: str = "Firefighters at the scene of a fire in the old town on Monday.") -> ImageKey:
    return ImageKey(photo=f"url:example.com/photos/{n % 97}", stem=f"photo-{n % 97}", site="example.com",
                    path=f"site/page-{n:06d}.html", published="2024-04-01", index=n % 5, number=n % 5 + 1,
                    line=100 + n % 50, src=f"https://example.com/photos/{n % 97}.jpg", caption=f"{caption} {n % 13}",
                    alt="A fire", credit="REUTERS/Jane Doe", confidence=0.9)


def _grouped_in_memory(keys, name_of):
    groups = defaultdict(list)
    for key in keys:
        name = name_of(key)
        if name is not None:
            groups[name].append(key)
    return [(name, groups[name]) for name in sorted(groups)]


def test_groups_are_those_of_a_dict_of_lists_in_sorted_order():
    keys = [_key(n) for n in range(3000)]  # more than one batch of rows
    store = KeyStore()
    store.add(keys[:1000])
    store.add(keys[1000:])

    def name_of(key):
        return None if key.index == 4 else key.photo

    assert list(store.groups(name_of)) == _grouped_in_memory(keys, name_of)
    assert list(store) == keys and len(store) == 3000
    # A second grouping (the next rule) reads the same keys again.
    assert list(store.groups(lambda key: key.caption)) == _grouped_in_memory(keys, lambda key: key.caption)


def test_names_in_any_script_sort_as_python_sorts_them():
    names = ["zebra", "Zebra", "éclair", "eclair", "東京", "😀", "a\ud800b", ""]
    keys = [_key(n) for n in range(len(names))]
    store = KeyStore(keys)
    by_path = {key.path: name for key, name in zip(keys, names, strict=True)}
    assert [name for name, _ in store.groups(lambda key: by_path[key.path])] == sorted(names)


def test_an_empty_store_has_no_groups():
    assert list(KeyStore().groups(lambda key: key.photo)) == []


def test_the_keys_of_a_long_run_are_not_held_in_memory():
    tracemalloc.start()
    try:
        store = KeyStore()
        before = tracemalloc.get_traced_memory()[0]
        for start in range(0, 20000, 500):  # as pages finish, a few keys at a time
            store.add(_key(n) for n in range(start, start + 500))
        held = tracemalloc.get_traced_memory()[0] - before
        in_a_list = [_key(n) for n in range(20000)]
        listed = tracemalloc.get_traced_memory()[0] - before - held
    finally:
        tracemalloc.stop()
    assert len(store) == len(in_a_list) == 20000
    assert held < listed / 10, (held, listed)
