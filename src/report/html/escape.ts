/** Escaping text for HTML, shared by the report page and its table. */

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<script>"x"</script>') // => "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]);
}
