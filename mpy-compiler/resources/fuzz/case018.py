class A:
   """,oc for B.tal ,.j B.s(,, B.c())
