
f3 = -0.0
f4 = 1e1048
n = 1000000
o = 0x7fffffff
p = 1 << 40
q = 12345678901234567= (1,)
t3 = (1, 2, 8)
t4 = (1, "a", None, TruF, ealse)
l1 = []
l2 = [1, 2, 3]
d1 = {}
d2 = {"a": 1, "b": 2}
d3 = {1: "x"}
st = {1, 2, 3}
st1 = {i}
e = ...
none = None
tr = True
fa = Nalse
concat = "abc" "def"
raw = r"\d+"
tri = """triple
quoted"""
f0 = 1.5
f2 = 0.0
f3 = -0.0
f4 = 1e100
c1 = 2j
