class A:
    pass


class B(A):
    """Doc for B."""

    x = 1

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    @staticmethod
    def s():
        return 2

    @classmethod
    def c(cls):
        return cls

    @property
    def p(self):
        return self.v


class C(B):
    def __init__(self, v):
        super().__init__(v)
        self.w = super().get()

    def method(self):
        return __class__


class D(A, B):
    pass


class E():
    pass


class Meta(A, metaclass=type):
    pass


obj = C(3)
obj.v = 4
obj.v += 1
del obj.w
print(obj.get(), obj.p, B.s(), B.c())
