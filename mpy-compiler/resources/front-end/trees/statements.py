"""A docstring becomes pass."""
from micropython import const
_PRIVATE = const(1 << 20)
PUBLIC = const(_PRIVATE + 1)
42
@deco
def f(a, *, b=PUBLIC, **c):
    global g
    if a:
        return
    elif b:
        pass
    else:
        raise E from None
    try:
        import x.y as z
    except E as e:
        pass
    finally:
        pass
    with a as b, c:
        yield
    for i in 1, 2:
        continue
    while not __debug__:
        break
    assert a, "msg"
    x: int = 5
    x += 1
    a = b = c
    *a, b = c
