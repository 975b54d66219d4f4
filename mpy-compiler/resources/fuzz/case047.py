x = 1
y = x
z = -5
big = 123456
a = b = c = 7
p, q = 1, 2
per = 42
