// pdf_floor TEXT FONT-DIR OUTPUT: the least a libharu program does to put
// the text of a document on A4 pages with the Liberation fonts the exporter
// uses (regular and bold, embedded, UTF-8): one line of the text file per
// line on the page, cut at a fixed number of characters, no layout logic.
// It is the floor against which bench/pdf/run.sh measures `kansli render`.
#include <hpdf.h>

#include <cstdio>
#include <fstream>
#include <string>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void*) {
  std::fprintf(stderr, "libharu error 0x%04X (%u)\n", static_cast<unsigned>(code), static_cast<unsigned>(detail));
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: pdf_floor TEXT FONT-DIR OUTPUT\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) return 1;
  const std::string dir = argv[2];
  HPDF_Doc pdf = HPDF_New(on_error, nullptr);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  const char* regular = HPDF_LoadTTFontFromFile(pdf, (dir + "/LiberationSans-Regular.ttf").c_str(), HPDF_TRUE);
  const char* bold = HPDF_LoadTTFontFromFile(pdf, (dir + "/LiberationSans-Bold.ttf").c_str(), HPDF_TRUE);
  if (!regular || !bold) return 1;
  HPDF_Font fonts[2] = {HPDF_GetFont(pdf, regular, "UTF-8"), HPDF_GetFont(pdf, bold, "UTF-8")};
  HPDF_Page page = nullptr;
  double y = 0;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (!page || y < 60) {
      if (page) HPDF_Page_EndText(page);
      page = HPDF_AddPage(pdf);
      HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      HPDF_Page_BeginText(page);
      y = 780;
    }
    // Cut long lines at a space near 95 bytes; no measuring.
    while (!line.empty()) {
      size_t cut = line.size() <= 95 ? line.size() : line.rfind(' ', 95);
      if (cut == std::string::npos || cut == 0) cut = line.size();
      HPDF_Page_SetFontAndSize(page, fonts[n++ % 7 == 0 ? 1 : 0], 10.5);
      HPDF_Page_TextOut(page, 71, y, line.substr(0, cut).c_str());
      y -= 14.3;
      line = cut < line.size() ? line.substr(cut + 1) : "";
    }
  }
  if (page) HPDF_Page_EndText(page);
  const HPDF_STATUS status = HPDF_SaveToFile(pdf, argv[3]);
  HPDF_Free(pdf);
  return status == HPDF_OK ? 0 : 1;
}
