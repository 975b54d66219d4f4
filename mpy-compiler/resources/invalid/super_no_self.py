class A:
    def f(self):
        super()
    def g():
        super().f()
