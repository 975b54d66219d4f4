# A sweep over the grammar; constants sit in each construct.
import os, sys as system
from os import path as p, sep
from . import sibling
from .. import parent
from ..pkg.mod import *
@decorator(1.5)
@other.attr
def f(a, b: int = 2.5, *args, c, d=3.5, **kwargs) -> "return annotation":
    global g
    x = yield 4.5
    y = yield from range(5)
    z = lambda q, r=6.5: q + r
    w = [i * 7.5 for i in range(8) if i]
    v = {i: 8.5 for i in ()}
    u = {9.5, 10.5}
    t = (i for i in [11.5])
    s = a[1:2], a[::12.5], a[:], a[1:], a[:-13.5]
    del a[0]
    nonlocal_free = 14.5
    def inner():
        nonlocal nonlocal_free
        nonlocal_free += 15.5
    return x, y
class C(object, metaclass=type):
    attr: int = 16.5
    def m(self, *, key=17.5):
        with open("f") as fh, open("g"):
            pass
        try:
            raise ValueError(18.5) from None
        except (ValueError, TypeError) as err:
            pass
        except Exception:
            pass
        else:
            pass
        finally:
            pass
        while self:
            break
        else:
            continue_ = 19.5
        for i, (j, *k) in enumerate([]):
            continue
        if i < 20.5 < j <= 21 != k is not None and i not in k or i in j:
            pass
        elif (n := 22.5):
            pass
async def af():
    async with a as b:
        await c(23.5)
    async for i in d:
        pass
x = *y, z = [24.5, 25.5, 26.5]
x += 27.5
x @= 28.5
print(*x, **{"k": 29.5}, sep=30.5)
