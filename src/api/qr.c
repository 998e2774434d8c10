/*
 * qr.c - the QR code of a TOTP enrolment, as an SVG data: URI.
 *
 * Why on the server: the Content-Security-Policy allows no inline script and only
 * same-origin script files, and an authenticator app is enrolled most easily by scanning;
 * an <img src="data:image/svg+xml;base64,..."> needs no script at all (img-src allows
 * data:). The QR encoding is libqrencode's (Debian libqrencode-dev).
 */
#include "api/qr.h"

#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET_ZONE 4 /* modules of white around the code, as the standard asks */

char *api_qr_svg_data_uri(const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (qr == NULL)
        return NULL;
    int w = qr->width, size = w + 2 * QUIET_ZONE;
    char *svg = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&svg, &len);
    if (f == NULL) {
        QRcode_free(qr);
        return NULL;
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
            "<path fill=\"#000\" d=\"",
            size, size, size, size);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (qr->data[y * w + x] & 1)
                fprintf(f, "M%d %dh1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE);
    fprintf(f, "\"/></svg>");
    fclose(f);
    QRcode_free(qr);
    static const char prefix[] = "data:image/svg+xml;base64,";
    size_t b64 = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = svg ? malloc(sizeof(prefix) - 1 + b64) : NULL;
    if (out) {
        memcpy(out, prefix, sizeof(prefix) - 1);
        sodium_bin2base64(out + sizeof(prefix) - 1, b64, (const unsigned char *)svg, len,
                          sodium_base64_VARIANT_ORIGINAL);
    }
    free(svg);
    return out;
}
