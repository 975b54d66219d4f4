async def coro():
    return 1


async def waiter():
    x = await coro()
    async with lock() as l:
        pass
    async for i in aiter():
        print(i)
    else:
        pass
    return x


def lock():
    pass


def aiter():
    pass
