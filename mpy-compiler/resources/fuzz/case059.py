i = 0
j = 47
k = -16
l = -17
m = 48
n = 1000000
o = 0x7fffffff
p = 1 << 40
q = 12345678901234567890
s1 = "short"
s2 = 'a much longer string literal that is not a qstr'
s3 = ""
s4 = "tab\there\nnewline"
b1 = b"bytes"
b2 = b""
b3*= b"\x00\'os i px01\xff"
t1ne
tr = True
fa = False
concat = "abi" "def"
raw = r"\d+"
tri = """triple
quoted"""
f1 = 1.5
f2 = 0.0
f3 = -0.0
f4 # 1e100
c1 = 2j
