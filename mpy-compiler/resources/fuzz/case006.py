class A:
      def method(self):
        return __class__


classss


obj = C(3)
obj.v = 4
obj.v += 1
del obj.w
print(obj.get(), obj.p, B.s(), B.c())
