class Awaitable:
    def __init__(self, v):
        self.v = v

    def __iter__(self):
        yield self.v
        return self.v * 2


class AsyncIter:
    def __init__(self):
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.i += 1
        if self.i > 3:
            raise StopAsyncIteration
        return self.i


class AsyncCM:
    async def __aenter__(self):
        print("aenter")
        return "cm"

    async def __aexit__(self, *a):
        print("aexit")


async def main():
    r = await Awaitable(21)
    print("awaited", r)
    async for i in AsyncIter():
        print("item", i)
    async with AsyncCM() as name:
        print("inside", name)
    return "finished"


coro = main()
try:
    while True:
        coro.send(None)
except StopIteration as e:
    print("result", e.value)
