/** A statement's link from the list whose query string is `listQuery` ("" for the plain list). */
export function statementHrefFromList(id: number, listQuery: string): string {
  return listQuery ? `/statements/${id}?back=${encodeURIComponent(`/statements${listQuery}`)}` : `/statements/${id}`;
}
