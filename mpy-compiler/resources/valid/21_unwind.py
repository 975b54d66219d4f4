def nested(items):
    out = []
    for a in items:
        try:
            for b in items:
                try:
                    if b == a:
                        continue
                    if b > a:
                        break
                    with open(str(b)) as f:
                        if f:
                            break
                        continue
                finally:
                    out.append(b)
        except Exception as e:
            out.append(e)
            break
        finally:
            out.append(a)
    while True:
        try:
            return out
        finally:
            out.append(None)


class Outer:
    def method(self):
        return __class__, super().__init__()

    def gen(self):
        yield from (x for x in range(3) if x != self)

    async def agen(self):
        async with self as s:
            async for v in s:
                if v:
                    break
                continue


many = lambda a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r: a + r
print(nested([1, 2]), Outer().method, many(*range(18)))
