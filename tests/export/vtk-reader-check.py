"""
Opens .vti files with VTK's own XML reader (the reader ParaView uses) and prints what it sees,
as an independent check that the exporters' files open outside this project:

    apt-get install python3-vtk9     # Debian; not a project dependency
    node workers/cli/cryo.mjs run yoon-2016 --spacing-mm 0.5 --vti /tmp/f --vti-times 60,180 --quiet > /dev/null
    /usr/bin/python3 tests/export/vtk-reader-check.py /tmp/f-t60s.vti /tmp/f-t180s.vti

Exits 1 if VTK reports an error, a file has no temperature_c array or its values are not
temperatures (a damaged binary block decodes to huge numbers without an error); with `x,y,z` after a file
name (file.vti@x,y,z) it also prints the temperature at the point nearest (x, y, z) mm.
"""
import sys
import tempfile

import vtk


def vtk_messages(log):
    """What VTK wrote to its log since the last call (errors and warnings)."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        open(log, "w").close()
        return text.strip()
    except FileNotFoundError:
        return ""


def main(args):
    log = tempfile.mktemp(suffix=".vtk.log")
    out = vtk.vtkFileOutputWindow()
    out.SetFileName(log)
    vtk.vtkOutputWindow.SetInstance(out)
    failed = False
    for arg in args:
        path, _, point = arg.partition("@")
        reader = vtk.vtkXMLImageDataReader()
        reader.SetFileName(path)
        reader.Update()
        img = reader.GetOutput()
        temp = img.GetPointData().GetArray("temperature_c")
        time = img.GetFieldData().GetArray("TimeValue")
        messages = vtk_messages(log)
        lo, hi = temp.GetRange() if temp is not None else (0, 0)
        # A damaged binary block decodes to garbage rather than an error: body temperatures are the check.
        if temp is None or messages or not (-273.15 < lo <= hi < 200):
            print(f"{path}: FAILED range {lo}..{hi} {messages[:500]}")
            failed = True
            continue
        kinds = img.GetPointData().GetArray("cell_kind")
        print(
            f"{path}: dims {img.GetDimensions()} origin {img.GetOrigin()} spacing {img.GetSpacing()} "
            f"time {time.GetValue(0) if time else None} s, temperature_c {temp.GetRange()} °C, "
            f"cell_kind {'yes' if kinds else 'no'}"
        )
        if point:
            p = tuple(float(v) for v in point.split(","))
            pid = img.FindPoint(p)
            print(f"  at {p}: point {pid} at {img.GetPoint(pid)}: {temp.GetValue(pid)} °C")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
