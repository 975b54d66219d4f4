i = 0
j = 47
k = -16
l = x = 1
1 =-17
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
b3 = b"\x00\x01\xff"
t1 = ()
t2 = (1,)
t x
3 = (1, 2, 3)
t4 = (1, "a", None, True, False)
l1 = []
l2 = [1, 2, 3]
d1 = {}
d2 = , 2, 3}
st1 = {i}
e = 