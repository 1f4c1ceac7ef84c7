// Reconstruit le site chaque nuit, pour que les événements passés rejoignent les archives.
// Une fonction planifiée de Netlify : elle tourne chez Netlify (aucun serveur à vous),
// jamais dans le site publié, qui reste sans JavaScript. Elle appelle le « Build hook »
// dont l'adresse est dans la variable ASSOSITE_BUILD_HOOK (Site configuration >
// Environment variables). Voir docs/publier.md dans le dépôt d'assosite.
export default async () => {
  const hook = Netlify.env.get("ASSOSITE_BUILD_HOOK");
  if (!hook) {
    console.log("ASSOSITE_BUILD_HOOK n'est pas réglée : aucune reconstruction demandée.");
    return new Response("ASSOSITE_BUILD_HOOK manquante", { status: 500 });
  }
  const answer = await fetch(hook, { method: "POST" });
  console.log(`Reconstruction demandée : ${answer.status}`);
  return new Response(null, { status: answer.ok ? 200 : 502 });
};

// 3 h 17 (heure UTC) chaque nuit, comme les recettes GitHub et GitLab.
export const config = { schedule: "17 3 * * *" };
