/** A billing document's PDF as a download: personal data, so never cached. */
export function pdfResponse(pdf: Uint8Array, name: string): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
