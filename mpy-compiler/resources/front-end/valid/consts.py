# const() substitution in source order, private names and annotations.
from micropython import const
A = const(10)
_B = const(1 << 40)
C = const(A * 2 + 1)
D: int = const(A + 3)
_E: int = const(5)
F = const("a constant string")
G = const((1, 2))
H = const(2.5)
def f():
    return A + _B + C + D + _E, F, G, H
class K:
    X = const(99)
    def m(self):
        return X
print(A, _B, C, D, _E, F, G, H, K.X)
