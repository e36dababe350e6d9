import glob
import re
import sys

docs = {
    p.split("/")[-1][:3]: re.sub(r"\s+", " ", open(p, encoding="utf-8").read())
    for p in glob.glob("model/sources/*.txt")
}
doc = sys.argv[1]
for q in sys.argv[2:]:
    n = re.sub(r"\s+", " ", q).strip()
    print("OK " if n in docs[doc] else "MISSING", q)
