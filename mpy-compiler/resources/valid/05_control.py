x = 0
if x:
    x = 1
elif x > 2:
    x = 2
else:
    x = 3
if x == 0:
    pass
while x < 10:
    x += 1
    if x == 5:
        continue
    if x == 8:
        break
else:
    x = -1
for i in range(10):
    x += i
for i in range(2, 10):
    x -= i
for i in range(10, 0, -2):
    x *= 1
for i in range(x):
    pass
for k in [1, 2, 3]:
    if k == 2:
        break
else:
    print("done")
for a, b in [(1, 2), (3, 4)]:
    print(a, b)
while True:
    break
while False:
    pass
if True:
    y = 1
if False:
    y = 2
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        print(i, j)
