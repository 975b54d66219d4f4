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
k = a or b
l = a and b or c
m = a < b
n  % 3
e = a ** 2
f = -a
g = +a
h = ~a
i = not a
j = a and b
k = a or b
l =  << 2 >> 1
w)
ee = len("abc")
ff = print("x", ender string literal that is sto
e +a
h = not a
j = a and b
k = a 
k = a or b
l = a an== class__
qq = "{} {}".format(a, b)
