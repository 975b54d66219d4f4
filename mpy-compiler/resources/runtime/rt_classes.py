class Base:
    tag = "base"

    def __init__(self, v):
        self.v = v

    def describe(self):
        return "%s(%d)" % (self.tag, self.v)

    @staticmethod
    def helper(x):
        return x * 2

    @classmethod
    def make(cls, v):
        return cls(v)

    @property
    def double(self):
        return self.v * 2


class Child(Base):
    tag = "child"

    def describe(self):
        return "child of " + super().describe()

    def klass(self):
        return __class__.__name__


c = Child.make(4)
print(c.describe(), c.double, Base.helper(3), c.klass(), isinstance(c, Base))
c.v += 1
print(c.v, getattr(c, "missing", "default"))
del c.v
print(hasattr(c, "v"))


class WithDunder:
    def __len__(self):
        return 7

    def __getitem__(self, i):
        return i * 10

    def __iter__(self):
        return iter([1, 2])


w = WithDunder()
print(len(w), w[3], list(w), [z for z in w])
