def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise KeyError(n)
    return 10 // (n - 2)


for n in range(4):
    try:
        r = risky(n)
    except ValueError as e:
        print("value error", e)
    except (KeyError, ZeroDivisionError) as e:
        print("other", type(e).__name__)
    else:
        print("ok", r)
    finally:
        print("finally", n)


def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    return out


print(loop_with_finally())


def ret_in_finally():
    try:
        return "try"
    finally:
        print("cleanup")


print(ret_in_finally())


class CM:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True


with CM() as cm:
    raise RuntimeError("swallowed")
with CM(), CM():
    print("body")
try:
    try:
        raise OSError(5)
    except OSError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print("chained", e)
try:
    assert 1 == 2, "assert message"
except AssertionError as e:
    print("assert", e)
