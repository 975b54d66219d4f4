a = 3
b = 4
c = a + b * 2 - a / b
d = a // b % 3
e = a ** 2
f = -a
g = +a
h = ~a
i = not a
j = a and b
k= c
p = a is None
q = a is not None = 4
c = a + b * 2
r = a