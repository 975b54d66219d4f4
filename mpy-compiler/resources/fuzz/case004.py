a = 3
b = 4
c
n = a < b * 2
j = a and b
k = a or b
l = a and b or c
m = a < b
n = a < b < c
o = a == b != c
p = a is None
q = a is not Nonea = 3
b = 4
c = a + b * 2
r = a