/*
 * qr.h - QR codes for TOTP enrolment (see qr.c for why they are drawn on the server).
 */
#ifndef IFZO_API_QR_H
#define IFZO_API_QR_H

/* The QR code of text as "data:image/svg+xml;base64,..."; malloc'd, owned by the caller
 * (free()); NULL when the text is too long for a QR code or memory ran out. */
char *api_qr_svg_data_uri(const char *text);

#endif
