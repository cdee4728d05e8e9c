#include "kiosk/app/modes/dashboard/words.hpp"

namespace accueil::kiosk {

namespace {


constexpr Words k_fr{"Aujourd'hui", "Tout l'événement", "{} sur {}", "Étrangers", "Collectivités françaises", "Pays",
                     "Délégations", "Ambassades", "Arrivées par 10 minutes", "par 10 min", "inscrits pas encore arrivés",
                     "Pic", "Rythme", "File résorbée vers", "Tout le monde est arrivé", "Personne n'arrive en ce moment",
                     "Par catégorie", "Par pays", "Protocole : arrivées", "Attendus", "Bornes et imprimantes",
                     "dernier passage", "file d'impression", "aucune file d'impression en marche",
                     "badges à l'accueil", "à envoyer au central", "refusés par le central", "Jour", "Pas encore d'arrivée",
                     "File non résorbée aujourd'hui à ce rythme"};
constexpr Words k_en{"Today", "Whole event", "{} of {}", "Foreign", "French local authorities", "Countries",
                     "Delegations", "Embassies", "Arrivals per 10 minutes", "per 10 min", "registered, not yet arrived",
                     "Peak", "Rate", "Queue clears about", "Everyone has arrived", "Nobody is arriving now",
                     "By category", "By country", "Protocol: arrivals", "Expected", "Kiosks and printers",
                     "last check-in", "print queue", "no print queue running", "badges at reception",
                     "to send to central", "refused by central", "Day", "No arrivals yet",
                     "Queue will not clear today at this rate"};
constexpr Words k_es{"Hoy", "Todo el evento", "{} de {}", "Extranjeros", "Colectividades francesas", "Países",
                     "Delegaciones", "Embajadas", "Llegadas cada 10 minutos", "cada 10 min", "inscritos aún no llegados",
                     "Pico", "Ritmo", "La fila se despeja hacia", "Todos han llegado", "Nadie llega ahora",
                     "Por categoría", "Por país", "Protocolo: llegadas", "Esperados", "Puntos y impresoras",
                     "último registro", "cola de impresión", "ninguna cola de impresión", "credenciales en recepción",
                     "por enviar al central", "rechazados por el central", "Día", "Aún no hay llegadas",
                     "La fila no se despeja hoy a este ritmo"};

}  // namespace

const Words& words(std::string_view language) {
  if (language == "en") return k_en;
  if (language == "es") return k_es;
  return k_fr;
}

}  // namespace accueil::kiosk
